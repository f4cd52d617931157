// Kubernetes' JSON schemas allow fields they do not define, so a misspelt field (`readinesProbe`) passes schema
// validation and the API server drops it. TypeScript's excess-property check on the models' interfaces does not:
// each object becomes a typed object literal in one in-memory module, and every diagnostic names the field.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, modelModule } from "./models.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const checkedFile = join(here, "__rendered_manifests__.ts");

export function findUnknownFields(objects) {
  const lines = [];
  const firstLineOf = [];
  objects.forEach((object, index) => {
    lines.push(`import type { I${object.kind} as T${index} } from "${modelModule(object)}";`);
  });
  objects.forEach((object, index) => {
    firstLineOf.push(lines.length);
    lines.push(`export const o${index}: T${index} = ${JSON.stringify(object, null, 1)};`.split("\n"));
    lines.splice(lines.length - 1, 1, ...lines.at(-1));
  });

  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  };
  const text = lines.join("\n");
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = file => (file === checkedFile ? text : readFile(file));
  host.fileExists = file => file === checkedFile || fileExists(file);
  host.getSourceFile = (file, language, ...rest) =>
    file === checkedFile ? ts.createSourceFile(file, text, language, true) : getSourceFile(file, language, ...rest);

  const program = ts.createProgram([checkedFile], options, host);
  return ts.getPreEmitDiagnostics(program).map(diagnostic => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
    if (diagnostic.file?.fileName !== checkedFile || diagnostic.start === undefined) {
      return `type check: ${message}`;
    }

    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const index = firstLineOf.findLastIndex(first => first <= line);
    return `${describe(objects[index])}: ${message}`;
  });
}
