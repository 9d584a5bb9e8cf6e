/**
 * The demo workbook: every registered template built from its built-in
 * sample through the same validate / build path a user's data takes, all
 * plans written into one .xlsx, with each template's headline figures as
 * the metrics core computes them.
 */
import type { Headline, Language, TemplateDescriptor } from "../templates/registry-types";
import type { WorkbookPlan } from "../workbook/plan";
import type { ResolvedWorkbook } from "../workbook/resolve";
import { writePlanToBuffer } from "../xlsx/write-plan";
import { writeFileAtomically } from "./output-file";
import { sampleInput } from "./templates";

export interface DemoEntry {
  template: TemplateDescriptor;
  plan: WorkbookPlan;
  headlines: Headline[];
}

/** Builds every template's sample; a sample that does not validate cleanly is a bug, reported with the template's id. */
export function buildDemo(templates: TemplateDescriptor[], language: Language, builtAt: Date): DemoEntry[] {
  if (templates.length === 0) throw new Error("No template is registered (src/templates/registry.ts).");
  return templates.map((template) => {
    const input = sampleInput(template, language, builtAt);
    const report = template.validate(input);
    const issues = [...report.blocking.map((b) => b.en), ...report.problems.slice(0, 3).map((p) => `row ${p.row + 1}: ${p.message.en}`)];
    if (issues.length > 0) throw new Error(`The sample of template ${template.id} does not validate: ${issues.join(" ")}`);
    return { template, plan: template.build(input), headlines: template.headlines?.(input) ?? [] };
  });
}

export interface WrittenDemo {
  entries: DemoEntry[];
  resolved: ResolvedWorkbook;
}

/** Puts a finished workbook's bytes in a file. */
export type WorkbookWriter = (file: string, data: Uint8Array) => Promise<void>;

/** The default writer: through a temporary file, never over an existing file or through a link. */
const writeNewFile: WorkbookWriter = (file, data) => writeFileAtomically(file, data, { force: false, language: "en" });

/** Builds the demo and writes it to `file` (nothing is written if any template fails). */
export async function writeDemo(
  file: string,
  templates: TemplateDescriptor[],
  language: Language,
  builtAt: Date,
  write: WorkbookWriter = writeNewFile,
): Promise<WrittenDemo> {
  const entries = buildDemo(templates, language, builtAt);
  const { buffer, resolved } = await writePlanToBuffer(entries.map((e) => e.plan));
  await write(file, buffer);
  return { entries, resolved };
}

/** The final sheet name of a headline's sheet key, for the plan at `planIndex`. */
export function sheetNameFor(resolved: ResolvedWorkbook, planIndex: number, key: string): string {
  const sheet = resolved.sheets.find((s) => s.planIndex === planIndex && s.plan.key === key);
  if (!sheet) throw new Error(`Plan ${planIndex} has no sheet with key "${key}".`);
  return sheet.name;
}
