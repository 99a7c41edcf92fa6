// What an editor says: every file through yaml-language-server (the YAML extension of VS Code
// and others) with the committed schema, one line each: accept, or REJECT and the first problems.
// Not run by `cargo test` (it needs npm); run by hand when the schema changes. Node resolves the
// imports next to the script, so copy it beside an install:
//   mkdir -p /tmp/yls && cd /tmp/yls && npm install yaml-language-server@2 vscode-languageserver-textdocument
//   cp tests/editor/yaml-language-server.mjs /tmp/yls/check.mjs
//   node /tmp/yls/check.mjs assets/timeline.schema.json tests/fixtures/good/* tests/fixtures/bad/*.yaml
// Schema problems come as warnings (severity 2), syntax as errors (1): both count as REJECT.
import { getLanguageService } from 'yaml-language-server';
import { TextDocument } from 'vscode-languageserver-textdocument';
import fs from 'fs';
import path from 'path';
const [schemaPath, ...files] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
const uri = 'file:///timeline.schema.json';
const ls = getLanguageService({
  schemaRequestService: async (u) => JSON.stringify(schema),
  workspaceContext: { resolveRelativePath: (r, b) => r },
});
ls.configure({ validate: true, completion: false, hover: false, customTags: [], schemas: [{ uri, fileMatch: ['*.yaml', '*.json'], schema }] });
for (const f of files) {
  let text;
  try { text = fs.readFileSync(f, 'utf8'); } catch (e) { console.log(`${f}\tunreadable`); continue; }
  const doc = TextDocument.create('file:///' + path.basename(f), 'yaml', 1, text);
  const diags = await ls.doValidation(doc, false);
  const errs = diags.filter(d => d.severity <= 2);
  console.log(`${path.relative(process.cwd(), f)}\t${errs.length ? 'REJECT' : 'accept'}\t${errs.slice(0,2).map(d => `${d.range.start.line+1}:${d.range.start.character+1} ${d.message.replace(/\s+/g,' ').slice(0,100)}`).join(' | ')}`);
}
