import type { ArticleMeta, Conflict } from "../contract";
import type { MeetingNode } from "./assemble";
import type { ExtractionReport, Mention, RelationCandidate, ResolvedEntity, Sentence } from "./types";

export interface MeetingInput {
  sentences: Map<string, Sentence[]>;
  mentions: Mention[];
  entities: Map<string, ResolvedEntity>;
  texts: Map<string, string>;
  metaById: Map<string, ArticleMeta>;
  report: ExtractionReport;
}

export function extractMeetings(_input: MeetingInput): { nodes: MeetingNode[]; relations: RelationCandidate[]; conflicts: Conflict[] } {
  return { nodes: [], relations: [], conflicts: [] };
}
