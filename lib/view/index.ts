export * from "./state";
export * from "./style";
export * from "./graphs";
export * from "./reducers";
export * from "./search";
export * from "./details";
export * from "./passage";
export * from "./testHook";
