import { useState } from "react";
import { Button, Caption1, Input, Label, Text, makeStyles, tokens } from "@fluentui/react-components";
import { FUNCTION_CATALOGUE, type CatalogueEntry } from "../../functions/catalogue";
import { METADATA } from "../../functions/metadata";
import { insertFunction } from "../../app/insertFunction";
import { friendlyError } from "../util";
import { Notice, type NoticeState } from "./Notice";
import type { PanelProps } from "./panelProps";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: {
    listStyle: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  item: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalS,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
  name: { margin: 0, fontSize: tokens.fontSizeBase300 },
});

export default function FunctionsPanel({ port }: PanelProps) {
  const styles = useStyles();
  const [query, setQuery] = useState("");
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const q = query.trim().toLowerCase();
  const shown = FUNCTION_CATALOGUE.filter(
    (f) => q === "" || `${f.id} ${f.summary} ${f.source}`.toLowerCase().includes(q),
  );

  // On a Results row the formula takes that row's cells; elsewhere, the example.
  const insert = async (f: CatalogueEntry) => {
    setNotice(null);
    try {
      const { where, formula } = await insertFunction(port, {
        id: f.id,
        example: f.example,
        parameters: METADATA[f.id].parameters,
      });
      setNotice({ intent: "success", title: `Inserted ${formula} into ${where}.` });
    } catch (e) {
      setNotice({ intent: "error", title: "The formula was not inserted.", lines: [friendlyError(e)] });
    }
  };

  return (
    <div className={styles.root}>
      <Label htmlFor="fn-search">Search functions</Label>
      <Input id="fn-search" type="search" value={query} onChange={(_, d) => setQuery(d.value)} />
      <Caption1 aria-live="polite">
        {shown.length} of {FUNCTION_CATALOGUE.length} functions
      </Caption1>
      <Notice notice={notice} testId="functions-notice" focus />
      <ul className={styles.list}>
        {shown.map((f) => (
          <li key={f.id} className={styles.item}>
            <h2 className={styles.name}>{f.id}</h2>
            <Text>{f.summary}</Text>
            <Text size={200}>Returns: {f.returns}</Text>
            <Text size={200}>Source: {f.source}</Text>
            <code className={styles.code}>
              {f.example} → {String(f.exampleResult)}
            </code>
            <div>
              <Button
                size="small"
                onClick={() => void insert(f)}
                aria-label={`Insert into active cell: ${f.id} example`}
              >
                Insert into active cell
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
