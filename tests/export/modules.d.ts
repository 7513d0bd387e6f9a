// graphology-gexf ships its DOM-agnostic parser factory without types; the tests use it to run the
// parser on @xmldom/xmldom 0.9 (as a browser runs it on its own DOMParser).
declare module "graphology-gexf/common/parser.js" {
  import type { GraphConstructor } from "graphology-types";
  type Parse = (Graph: GraphConstructor, source: string | Document, options?: Record<string, unknown>) => unknown;
  const createParserFunction: (DOMParserClass: unknown, DocumentClass: unknown) => Parse;
  export default createParserFunction;
}
