/* Builds the add-in: the custom-functions bundle (functions.js + functions.json
 * generated from JSDoc) and the task pane page, which is also the shared
 * runtime page that hosts the functions (manifest: <Runtime lifetime="long">). */
const path = require("path");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { LocalizedFunctionsMetadataPlugin } = require("./scripts/localize-functions");
const { manifestForHost } = require("./scripts/manifest-for-host");

const fs = require("fs");

// Every .ts file directly in src/functions (but the entry) declares custom functions;
// helpers live in src/functions/support.
const functionFiles = fs
  .readdirSync(path.join(__dirname, "src/functions"))
  .filter((f) => f.endsWith(".ts") && f !== "index.ts")
  .map((f) => `./src/functions/${f}`);

async function httpsOptions() {
  // Office requires https even for localhost; office-addin-dev-certs makes a local CA and
  // installs it as trusted. Installing needs `sudo` on Linux, which a container or CI
  // machine may lack: then serve with the generated certificates anyway and say how to
  // trust them, rather than not serving at all.
  const devCerts = require("office-addin-dev-certs");
  try {
    const options = await devCerts.getHttpsServerOptions();
    return { ca: options.ca, key: options.key, cert: options.cert };
  } catch (error) {
    const dir = path.join(require("os").homedir(), ".office-addin-dev-certs");
    const file = (name) => path.join(dir, name);
    if (!fs.existsSync(file("localhost.crt"))) {
      await devCerts.generateCertificates(file("ca.crt"), file("localhost.crt"), file("localhost.key"));
    }
    console.warn(
      `office-addin-dev-certs could not install its CA (${error.message.split("\n")[0]}).\n` +
        `Serving with ${dir}; trust ${file("ca.crt")} in your browser or OS to avoid certificate warnings.`,
    );
    return { ca: fs.readFileSync(file("ca.crt")), key: fs.readFileSync(file("localhost.key")), cert: fs.readFileSync(file("localhost.crt")) };
  }
}

module.exports = async (env, argv) => {
  const dev = argv.mode !== "production";
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/index.ts",
      taskpane: "./src/taskpane/taskpane.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      clean: true,
      // The text engine (sentiment lexicons) is a chunk the functions load on their first text call. Chunks are
      // fetched relative to the script that loads them (functions.js, beside taskpane.html: same origin, same folder).
      publicPath: "auto",
      chunkFilename: "[name].[contenthash:8].js",
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        { test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { configFile: "tsconfig.build.json" } } },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: functionFiles }),
      // functions-es.json: the same metadata with Spanish descriptions; fails the build when one is missing.
      new LocalizedFunctionsMetadataPlugin({ output: "functions-es.json", translations: "src/functions/locales/es.json", strict: true }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          // `--env base=https://host/path`: the manifest in dist/ points at that host instead of localhost.
          env && env.base
            ? { from: "manifest.xml", to: "manifest.xml", transform: (content) => manifestForHost(content.toString(), env.base) }
            : { from: "manifest.xml", to: "manifest.xml" },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.join(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: dev && !process.env.CXM_HTTP ? { type: "https", options: await httpsOptions() } : "http",
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
};
