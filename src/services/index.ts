export { ensureOperatorKey, type OperatorKey, operatorAccountName } from "./ensure-operator-key.js";
export { openServices, type Services, type ServicesOptions } from "./open-services.js";
export { openStores, type Stores } from "./open-stores.js";
export { type DemoAccount, demoCompanies, seedDemo, writeDemoFile } from "./seed-demo.js";
export { type DemoUser, demoUserEmail } from "./seed-demo-user.js";
