// The routes as Web handlers: `(Request, { params }) → Response`, the shape of a Fetch-style host and of
// Next's App Router. Tests call the routes through it; `next start` serves them through
// server/http/node.ts instead (why: server/http/types.ts).

import { errorAnswer, PayloadTooLargeError } from "./respond";
import { ANSWER_CHUNK_BYTES as CHUNK_BYTES, MAX_BODY_BYTES, type ApiAnswer, type ApiHandler } from "./types";


export interface WebContext {
  params?: Promise<Record<string, string | undefined>> | Record<string, string | undefined>;
}

export type WebHandler = (request: Request, context?: WebContext) => Promise<Response>;

async function cappedText(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new PayloadTooLargeError(MAX_BODY_BYTES);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function stream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset < bytes.byteLength) {
        const end = Math.min(bytes.byteLength, offset + CHUNK_BYTES);
        controller.enqueue(bytes.subarray(offset, end));
        offset = end;
      }
      if (offset >= bytes.byteLength) controller.close();
    },
  });
}

/** An ApiAnswer as a Web Response (a byte body is streamed in 1 MB views). */
export function toResponse(answer: ApiAnswer): Response {
  const body = answer.body === null ? null : typeof answer.body === "string" ? answer.body : stream(answer.body);
  return new Response(body, { status: answer.status, headers: answer.headers });
}

export function webHandler(handler: ApiHandler): WebHandler {
  return async (request, context) => {
    try {
      const params = (await context?.params) ?? {};
      const query = new URL(request.url).searchParams;
      return toResponse(
        await handler({ method: request.method, query, params, header: (name) => request.headers.get(name), text: () => cappedText(request) }),
      );
    } catch (error) {
      return toResponse(errorAnswer(error));
    }
  };
}
