const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const DEV_URL = "https://localhost:3000/";
const FUNCTION_FILES = ["counts", "displacement", "evaluate", "incidents", "planning", "priority"].map(
  (f) => `./src/functions/${f}.ts`,
);
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
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        // The family files whose JSDoc declares the HARM.* functions (src/functions/registry.ts lists them by id).
        input: FUNCTION_FILES,
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "commands", "taskpane"],
        chunksSortMode: "manual",
      }),
      new HtmlWebpackPlugin({
        filename: "preview.html",
        template: "./src/taskpane/preview/preview.html",
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
