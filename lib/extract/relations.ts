import type { RoleClaim } from "../contract";
import type { ExtractionReport, Mention, RelationCandidate, ResolvedEntity, Sentence } from "./types";

export interface RelationInput {
  sentences: Map<string, Sentence[]>;
  mentions: Mention[];
  entities: Map<string, ResolvedEntity>;
  texts: Map<string, string>;
  report: ExtractionReport;
}

export function extractRelations(_input: RelationInput): { relations: RelationCandidate[]; roles: Map<string, RoleClaim[]> } {
  return { relations: [], roles: new Map() };
}
