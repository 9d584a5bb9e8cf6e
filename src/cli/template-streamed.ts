/**
 * `cxm template <id> --input FILE` for a template with an intake
 * (src/intake): the file is read through src/input's chunked API and each
 * typed chunk goes straight to the template's intake, which checks the rows
 * and reduces them as they pass — no row object, no whole-file string, and
 * memory that grows with customers and periods, not rows. The report of
 * assumptions, the mapping and the validation report are printed as for the
 * other templates (the bad rows by their line, the first fifty listed, all
 * counted), and nothing is written while rows are bad unless
 * --accept-bad-rows. A progress line shows on a terminal.
 */
import path from "node:path";
import { reportText } from "../input/report";
import type { IntakeResult } from "../intake/types";
import type { TemplateDescriptor } from "../templates/registry-types";
import type { Headline } from "../templates/registry-types";
import type { WorkbookPlan } from "../workbook/plan";
import type { Command } from "./args";
import { reportLines } from "./format";
import { describeMapping } from "./mapping";
import { ProgressLine } from "./progress";
import type { CliContext } from "./run";
import { inputColumnsOf, optionsFor } from "./templates";
import { refuseIfProblems, withInput } from "./workbook-output";

/** Row problems a streamed read keeps to list (the report shows fifty; all are counted). */
const LISTED_PROBLEMS = 200;

export interface StreamedBuild {
  plan: WorkbookPlan;
  headlines: Headline[];
}

/** Reads, checks and aggregates the file, prints what was read and found, and returns the plan (or throws the DataProblem that stops it). */
export async function streamedTemplate(command: Extract<Command, { kind: "template" }>, t: TemplateDescriptor, cx: CliContext): Promise<StreamedBuild> {
  const intake = t.intake!;
  const language = command.language;
  const columns = inputColumnsOf(t);
  const options = optionsFor(t, command.options, language);
  const progress = cx.progress && !command.quiet ? new ProgressLine(cx.progress, ProgressLine.labelOf(path.basename(command.input!)), language, () => cx.now().getTime()) : null;
  let result: IntakeResult<unknown>;
  const read = await withInput(command, t.id, columns, cx, { onProgress: progress ? (p) => progress.report(p) : undefined }, async ({ reader, header, mapping, kinds, mappedTo }) => {
    try {
      // One pass when the first rows' conventions hold for the whole file (a new sink if a second is needed).
      const sink = await reader.stream(kinds, () => intake.start({ mapping, options, language, listLimit: LISTED_PROBLEMS }));
      result = sink.finish();
    } finally {
      progress?.end();
    }
    return { header, mapping, report: reader.report(mappedTo) };
  });
  reportText(read.report, language, "cli").forEach((l) => cx.out(l));
  cx.out(language === "es" ? `Columnas de ${command.input}:` : `Columns of ${command.input}:`);
  describeMapping(columns, read.mapping, read.header, language).forEach((l) => cx.out(l));

  const { report, aggregate } = result!;
  const problems = report.blocking.length > 0 || report.problemCount > 0;
  reportLines(report, language, command.input!, report.lines, 50, {}, report.problemCount).forEach((l) => (problems ? cx.err(l) : cx.out(l)));
  refuseIfProblems(report, report.problemCount, command.acceptBadRows);
  return intake.build(aggregate, {
    options,
    language,
    source: { label: path.basename(command.input!), used: report.goodRows, leftOut: report.problemCount, surface: "cli", builtAt: cx.now() },
  });
}
