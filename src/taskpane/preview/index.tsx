import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme, Title3 } from "@fluentui/react-components";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <Title3>Harm Planner preview</Title3>
    </FluentProvider>,
  );
}
