export { blobNotFound } from "./blob-not-found.js";
export { blobTooLarge } from "./blob-too-large.js";
export { checkRange } from "./check-range.js";
export { emptyStream } from "./empty-stream.js";
export { MeasuringStream } from "./measuring-stream.js";
