export type { As2Context } from "./as2-context.js";
export { as2Product } from "./as2-product.js";
export { type As2Channel, type As2ChannelOptions, createAs2Channel } from "./create-as2-channel.js";
export { type DemoAs2, seedDemoAs2 } from "./demo/seed-demo-as2.js";
export { certificatePem } from "./keys/certificate-record.js";
export type { As2ProfileInput } from "./profiles/as2-profile-input.js";
export { addProfileCertificates, createAs2Profile, updateAs2Profile } from "./profiles/as2-profiles.js";
