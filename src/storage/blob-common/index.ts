export { blobNotFound } from "./blob-not-found.js";
export { checkRange } from "./check-range.js";
export { emptyStream } from "./empty-stream.js";
export { MeasuringStream } from "./measuring-stream.js";
