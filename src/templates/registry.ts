/**
 * The templates the task pane, the CLI and the demo offer. PLACEHOLDER: the
 * lead fills this list with the templates' descriptors (registry-types.ts).
 */
import type { TemplateDescriptor } from "./registry-types";

export const templates: TemplateDescriptor[] = [];
