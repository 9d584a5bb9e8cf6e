import { DEFAULT_DEMO_FILE, parseCommand, UsageError } from "../../src/cli/args";

describe("parseCommand", () => {
  test("help for --help, -h, help and no arguments", () => {
    for (const argv of [["--help"], ["-h"], ["help"], [], ["demo", "--help"]]) expect(parseCommand(argv)).toEqual({ kind: "help", language: "en" });
  });

  test("demo: ./cxm-demo.xlsx in English unless told otherwise", () => {
    expect(parseCommand(["demo"])).toEqual({ kind: "demo", out: DEFAULT_DEMO_FILE, language: "en", force: false });
    expect(parseCommand(["demo", "--out", "x/y.xlsx", "--lang", "ES", "--force"])).toEqual({ kind: "demo", out: "x/y.xlsx", language: "es", force: true });
  });

  test("template: repeated --map and --option keep their order; values may hold = and spaces", () => {
    const c = parseCommand([
      "template",
      "survey-dashboard",
      "--input",
      "r.csv",
      "--map",
      "score=Recommend score",
      "--map",
      "date = Fecha",
      "--option",
      "confidence=0.9",
      "--accept-bad-rows",
      "--lang",
      "es",
    ]);
    expect(c).toEqual({
      kind: "template",
      id: "survey-dashboard",
      input: "r.csv",
      inputs: ["r.csv"],
      engine: "auto",
      quiet: false,
      out: undefined,
      map: [
        ["score", "Recommend score"],
        ["date", "Fecha"],
      ],
      options: [["confidence", "0.9"]],
      language: "es",
      acceptBadRows: true,
      force: false,
      read: {},
      with: [],
    });
  });

  test("template: --with key=file names a second source, in the order given", () => {
    const c = parseCommand(["template", "customer-growth", "--input", "orders.csv", "--with", "incidents=tickets 2024.csv", "--map", "incidents.type=Category"]);
    expect(c).toMatchObject({ kind: "template", id: "customer-growth", with: [["incidents", "tickets 2024.csv"]], map: [["incidents.type", "Category"]] });
  });

  test.each([
    [["frobnicate"], 'Unknown command "frobnicate": use demo, list or template'],
    [["demo", "--bogus"], "Unknown flag --bogus"],
    [["demo", "--input", "a.csv"], "cxm demo does not take --input"],
    [["demo", "--lang", "fr"], "--lang fr: the languages are en and es."],
    [["template"], "cxm template needs a template id"],
    [["template", "a", "b"], 'Unexpected argument "b" after the template id'],
    [["template", "a", "--map", "score"], "--map score: expected key=value"],
    [["template", "a", "--with", "incidents.csv"], "--with incidents.csv: expected key=value"],
    [["template", "a", "--engine", "spark"], "--engine spark: use duckdb, typescript or auto."],
    [["list", "extra"], 'cxm list takes no argument "extra"'],
  ])("%j is a usage error naming what is wrong", (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
});

describe("parseCommand: streaming and engines", () => {
  test("several --input, --engine and --quiet are kept", () => {
    const c = parseCommand(["template", "cohort-retention", "-i", "a.parquet", "--input", "b/*.parquet", "--engine", "DuckDB", "-q"]);
    expect(c).toMatchObject({ kind: "template", input: "a.parquet", inputs: ["a.parquet", "b/*.parquet"], engine: "duckdb", quiet: true });
  });
  test("--engine defaults to auto; Spanish words are read", () => {
    expect(parseCommand(["template", "x", "-i", "a.csv"])).toMatchObject({ engine: "auto", quiet: false });
    expect(parseCommand(["template", "x", "-i", "a.csv", "--engine", "automático"])).toMatchObject({ engine: "auto" });
    expect(parseCommand(["template", "x", "-i", "a.csv", "--engine", "ts"])).toMatchObject({ engine: "typescript" });
  });
});
