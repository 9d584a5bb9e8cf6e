// Stand-in for office-addin-manifest under Jest (see jest.config.js): office-addin-mock
// only needs its OfficeApp enum, and the real package pulls in an ESM-only module.
module.exports = {
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
};
