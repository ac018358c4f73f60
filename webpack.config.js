const fs = require("fs");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const MiniCssExtractPlugin = require("mini-css-extract-plugin");
const { GriffelCSSExtractionPlugin } = require("@griffel/webpack-extraction-plugin");
const { FunctionsMetadataPlugin } = require("./scripts/functions-metadata-plugin");

/**
 * The browser preview's page is the task pane's, without Office.js: one source for the head and its
 * Content Security Policy, with Microsoft's host taken out of it (the preview makes no request at all).
 */
function previewPage() {
  const pane = fs.readFileSync(path.join(__dirname, "src/taskpane/taskpane.html"), "utf8");
  const page = pane
    .replace(/\s*<!--[^>]*-->\s*<script src="https:\/\/appsforoffice\.microsoft\.com[^"]*"><\/script>/, "")
    .replaceAll(" https://appsforoffice.microsoft.com", "")
    .replace("<title>Harm Planner</title>", "<title>Harm Planner – browser preview</title>");
  if (page.includes("appsforoffice") || !page.includes("browser preview"))
    throw new Error("taskpane.html has changed shape: update previewPage() in webpack.config.js");
  return page;
}

const DEV_URL = "https://localhost:3000/";
// A production build can be hosted elsewhere: HARM_PLANNER_BASE_URL=https://addins.example.police.uk/harm/
const PROD_URL = process.env.HARM_PLANNER_BASE_URL || DEV_URL;

module.exports = (env, argv) => {
  const dev = argv.mode !== "production";
  const baseUrl = dev ? DEV_URL : PROD_URL.endsWith("/") ? PROD_URL : PROD_URL + "/";
  return {
    devtool: "source-map", // never eval-based: the CSP forbids eval
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      preview: "./src/taskpane/preview/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
      // Write every file on every build, changed or not: the tests judge dist/ fresh by its oldest
      // file's time (test/support/build.ts), which an unchanged file left from an older build would spoil.
      compareBeforeEmit: false,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        // Styles are compiled at build time and their CSS written to one stylesheet, so the pane
        // computes and inserts no style rules as it opens (Griffel's "ahead of time" mode).
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: [
            { loader: GriffelCSSExtractionPlugin.loader },
            {
              loader: "@griffel/webpack-loader",
              options: { babelOptions: { presets: ["@babel/preset-typescript"] } },
            },
            { loader: "ts-loader", options: { transpileOnly: true } },
          ],
        },
        {
          test: /\.js$/,
          // Not the charting library the preview loads on demand, nor the packages only it uses: their styles
          // are inserted as they run, so they stay out of the one style sheet the task pane links. (A pane
          // component from one of these packages would still work, its styles inserted the same way.)
          include:
            /node_modules[\\/]@fluentui[\\/](?!(react-charts|chart-utilities|react-menu|react-overflow|react-popover|react-tooltip)[\\/])/,
          exclude: /node_modules[\\/]@fluentui[\\/]react-button[\\/]lib[\\/]components[\\/]MenuButton[\\/]/,
          use: { loader: GriffelCSSExtractionPlugin.loader },
        },
        { test: /\.css$/, use: [MiniCssExtractPlugin.loader, "css-loader"] },
      ],
    },
    performance: { hints: false },
    plugins: [
      // Griffel sorts the rules in its one stylesheet itself; chunk order does not matter to it.
      new MiniCssExtractPlugin({ ignoreOrder: true }),
      new GriffelCSSExtractionPlugin(),
      // functions.json from the function registry (src/functions/registry.ts); the functions entry
      // associates each id with its adapter itself.
      new FunctionsMetadataPlugin({ output: "functions.json" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "commands", "taskpane"],
        chunksSortMode: "manual",
      }),
      new HtmlWebpackPlugin({
        filename: "preview.html",
        templateContent: () => previewPage(),
        chunks: ["preview"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/help.html", to: "help.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (dev ? content : content.toString().split(DEV_URL).join(baseUrl)),
          },
        ],
      }),
    ],
  };
};
