import { installCustomFunctionsStub } from "./custom-functions-stub";

// Source-level tests of src/functions run without Excel: give them the runtime's global.
installCustomFunctionsStub();
