// Validates timeline files against assets/timeline.schema.json with the YAML language server's
// own validation (the code editors run), and exits 1 if it reports any problem.
// Run through scripts/check-schema.sh, which installs the server in a temporary directory.
const fs = require('fs');
const path = require('path');
const { getLanguageService } = require('yaml-language-server');
const { TextDocument } = require('vscode-languageserver-textdocument');

const [schemaPath, ...files] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
const schemaUri = 'file://' + path.resolve(schemaPath);
const service = getLanguageService({
  schemaRequestService: async (uri) => {
    if (uri === schemaUri) return JSON.stringify(schema);
    throw new Error(`no network here: ${uri}`);
  },
  workspaceContext: { resolveRelativePath: (rel, res) => new URL(rel, res).toString() },
});
service.configure({
  validate: true,
  completion: false,
  hover: false,
  schemas: [{ uri: schemaUri, fileMatch: ['*'], schema }],
});

(async () => {
  let problems = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const doc = TextDocument.create('file://' + path.resolve(file), 'yaml', 1, text);
    const diagnostics = await service.doValidation(doc, false);
    for (const d of diagnostics) {
      problems += 1;
      console.log(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
    }
    if (diagnostics.length === 0) console.log(`${file}: accepted`);
  }
  process.exit(problems === 0 ? 0 : 1);
})();
