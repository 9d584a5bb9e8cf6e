/**
 * The task pane page doubles as the shared runtime that hosts the custom
 * functions (the functions bundle is loaded on the same page). Until the
 * full pane lands, it confirms the add-in is loaded and how to use it.
 */
function showStatus(text: string): void {
  const el = document.getElementById("status");
  if (el) el.textContent = text;
}

if (typeof Office !== "undefined") {
  Office.onReady(() => showStatus("CXM functions are ready: type =CXM. in a cell to see them."));
} else {
  showStatus("Open this page from Excel to use CXM.");
}
