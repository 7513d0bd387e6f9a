// Typed errors of the query layer. The API maps each kind to one HTTP status in a single
// place (server/http/respond.ts), so the kind travels with the error instead of being
// guessed from its message. `code` is checked as well as `instanceof` because a bundler may
// load this module twice (server chunks), which would break `instanceof` alone.

export type GraphErrorCode = "bad_request" | "not_found" | "unavailable";

export const MODULE = "newsgraph/graph";

/** Base class: every message starts with the module name, e.g. `newsgraph/graph: unknown node "person:nobody"`. */
export class GraphError extends Error {
  readonly code: GraphErrorCode;
  constructor(code: GraphErrorCode, message: string) {
    super(message.startsWith("newsgraph/") ? message : `${MODULE}: ${message}`);
    this.code = code;
    this.name = "GraphError";
  }
}

/** A bad argument or query parameter; `parameter` names it (API: 400 `{ error, parameter }`). */
export class BadRequestError extends GraphError {
  readonly parameter: string | undefined;
  constructor(message: string, parameter?: string) {
    super("bad_request", message);
    this.name = "BadRequestError";
    this.parameter = parameter;
  }
}

/** An unknown node key or article id (API: 404). */
export class NotFoundError extends GraphError {
  constructor(message: string) {
    super("not_found", message);
    this.name = "NotFoundError";
  }
}

/** graph.json is missing, unreadable or breaks the contract (API: 503). */
export class GraphUnavailableError extends GraphError {
  constructor(message: string) {
    super("unavailable", message);
    this.name = "GraphUnavailableError";
  }
}

function hasCode(error: unknown, code: GraphErrorCode): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === code;
}

export function isBadRequestError(error: unknown): error is BadRequestError {
  return error instanceof BadRequestError || (hasCode(error, "bad_request") && error instanceof Error);
}

export function isNotFoundError(error: unknown): error is NotFoundError {
  return error instanceof NotFoundError || (hasCode(error, "not_found") && error instanceof Error);
}

export function isGraphUnavailableError(error: unknown): error is GraphUnavailableError {
  return error instanceof GraphUnavailableError || (hasCode(error, "unavailable") && error instanceof Error);
}
