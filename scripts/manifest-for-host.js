/**
 * The manifest for a real host: `npm run build -- --env base=https://addins.example.com/cxm`
 * writes dist/manifest.xml with every https://localhost:3000 URL (icons,
 * pages, scripts, the functions metadata and its Spanish override, the app
 * domain) replaced by the base, so dist/ can be copied to that web server as
 * it is. Office loads add-ins only over https, so the base must be https.
 */
const DEV_ORIGIN = "https://localhost:3000";

/** The base as the manifest will use it (no trailing slash), or an Error saying what is wrong with it. */
function checkedBase(base) {
  let url;
  try {
    url = new URL(base);
  } catch {
    throw new Error(`--env base=${base}: not a URL; give the https address dist/ will be served from, e.g. https://addins.example.com/cxm`);
  }
  if (url.protocol !== "https:") throw new Error(`--env base=${base}: Office loads add-ins only over https.`);
  if (url.search || url.hash) throw new Error(`--env base=${base}: no query or fragment, only the folder's address.`);
  return url.href.replace(/\/+$/, "");
}

/** manifest.xml with the development origin replaced by `base`. */
function manifestForHost(xml, base) {
  const target = checkedBase(base);
  const origin = new URL(target).origin;
  return xml
    .replace(/<AppDomain>https:\/\/localhost:3000<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`)
    .split(DEV_ORIGIN)
    .join(target);
}

module.exports = { manifestForHost, DEV_ORIGIN };
