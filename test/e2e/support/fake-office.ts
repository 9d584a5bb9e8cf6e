/**
 * The fake office.js the browser loads instead of Microsoft's: the in-memory
 * Excel of test/support/fake-workbook-api.ts (transpiled to a plain script),
 * Office.onReady with a chosen display language, and a CustomFunctions global
 * that records what the shared-runtime functions bundle associates. The test
 * reads the workbook and its write log back through window.__cxmFake.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import type { FakeWorkbookSpec } from "../../support/fake-workbook-api";

export interface FakeOfficeConfig {
  displayLanguage: string;
  workbook: FakeWorkbookSpec;
}

let transpiled: string | undefined;

function fakeExcelScript(): string {
  if (transpiled === undefined) {
    const source = readFileSync(path.resolve(__dirname, "../../support/fake-workbook-api.ts"), "utf8");
    transpiled = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, removeComments: true },
    }).outputText;
  }
  return transpiled;
}

/** The script text served at https://appsforoffice.microsoft.com/lib/1/hosted/office.js. */
export function fakeOfficeJs(config: FakeOfficeConfig): string {
  return `(function () {
  "use strict";
  var exports = {};
  var module = { exports: exports };
  ${fakeExcelScript()}
  var config = ${JSON.stringify(config)};
  var model = new exports.FakeWorkbook(config.workbook);
  var associated = [];
  var functions = {};
  window.__cxmFake = { model: model, associated: associated, functions: functions };
  window.Excel = exports.createFakeExcel(model);
  function ExcelError(code, message) { this.code = code; this.message = message; }
  window.CustomFunctions = {
    Error: ExcelError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" },
    associate: function (id, fn) {
      if (typeof id === "string") { associated.push(id.toUpperCase()); functions[id.toUpperCase()] = fn; }
      else Object.keys(id).forEach(function (k) { associated.push(k.toUpperCase()); functions[k.toUpperCase()] = id[k]; });
    }
  };
  var info = { host: "Excel", platform: "OfficeOnline" };
  window.Office = {
    HostType: { Excel: "Excel" },
    context: { displayLanguage: config.displayLanguage, requirements: { isSetSupported: function () { return true; } } },
    onReady: function (callback) {
      return new Promise(function (resolve) {
        setTimeout(function () { if (callback) callback(info); resolve(info); }, 0);
      });
    }
  };
})();
`;
}
