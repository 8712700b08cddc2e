#!/usr/bin/env node
// Validates an OpenAPI 3.1 document (api/openapi.json) and exits non-zero on any problem.
//
// Usage: node tools/openapi/validate.mjs api/openapi.json
//
// Four passes, each reporting every problem it finds:
//  1. The text can be embedded: api/CMakeLists.txt puts it in a C++ raw string with the
//     delimiter soj_openapi and runs it through configure_file(@ONLY), so the raw string's end
//     sequence and CMake's at-sign variable syntax must not appear.
//  2. Structure: the document against the official OpenAPI 3.1 schema, and every $ref resolves
//     (swagger-parser).
//  3. Rules the OpenAPI schema cannot express: unique operationIds, every path template
//     parameter declared as a required path parameter (and no undeclared ones), security
//     requirements naming defined schemes, parameters unique per location.
//  4. Every schema compiles as JSON Schema 2020-12 with unknown keywords rejected (typos such
//     as "maxItem" would otherwise be silently ignored), and every example validates against
//     the schema it illustrates.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const SwaggerParser = require("@apidevtools/swagger-parser");
const Ajv2020Module = require("ajv/dist/2020");
const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function main(argv) {
  if (argv.length !== 1) {
    console.error("usage: node validate.mjs <openapi.json>");
    return Promise.resolve(2);
  }
  return validateFile(argv[0]).then((problems) => {
    if (problems.length > 0) {
      for (const p of problems) console.error(`${argv[0]}: ${p}`);
      console.error(`${argv[0]}: INVALID (${problems.length} problem(s))`);
      return 1;
    }
    return 0;
  });
}

async function validateFile(path) {
  const problems = [];
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    return [`cannot read: ${e.message}`];
  }

  // 1. Embeddable.
  if (text.includes(")soj_" + "openapi\"")) {
    problems.push("contains the raw string delimiter that ends the embedded C++ literal");
  }
  const cmakeVar = text.match(/@[A-Za-z0-9_/.+-]+@/);
  if (cmakeVar) {
    problems.push(`contains ${cmakeVar[0]}, which configure_file would replace`);
  }

  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return [...problems, `not JSON: ${e.message}`];
  }
  if (doc.openapi !== "3.1.0") problems.push(`openapi must be "3.1.0", not ${JSON.stringify(doc.openapi)}`);

  // 2. Structure and references. validate() dereferences its argument in place: give it a copy.
  try {
    await SwaggerParser.validate(structuredClone(doc));
  } catch (e) {
    problems.push(`OpenAPI 3.1 schema: ${e.message}`);
    return problems;  // the later passes assume a well-formed document
  }

  // 3. Rules beyond the schema.
  problems.push(...checkOperations(doc));

  // 4. Schemas and examples, on a dereferenced copy (no $ref left to resolve).
  let resolved;
  try {
    resolved = await SwaggerParser.dereference(structuredClone(doc));
  } catch (e) {
    problems.push(`dereference: ${e.message}`);
    return problems;
  }
  problems.push(...checkSchemas(resolved));

  if (problems.length === 0) {
    const count = Object.values(doc.paths ?? {}).reduce(
      (n, item) => n + METHODS.filter((m) => item[m]).length, 0);
    console.log(`${path}: valid OpenAPI ${doc.openapi} (${count} operations)`);
  }
  return problems;
}

// Resolves a local "#/a/b" reference within `doc`; undefined when it names nothing.
function resolveLocal(doc, value) {
  if (!value || typeof value.$ref !== "string") return value;
  if (!value.$ref.startsWith("#/")) return undefined;
  let node = doc;
  for (const raw of value.$ref.slice(2).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object" || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}

function checkOperations(doc) {
  const problems = [];
  const schemes = Object.keys(doc.components?.securitySchemes ?? {});
  const operationIds = new Map();

  const checkSecurity = (where, security) => {
    if (security === undefined) return;
    for (const requirement of security) {
      for (const name of Object.keys(requirement)) {
        if (!schemes.includes(name)) problems.push(`${where}: security names unknown scheme ${name}`);
      }
    }
  };
  checkSecurity("root", doc.security);

  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    if (new Set(names).size !== names.length) problems.push(`${template}: a template parameter repeats`);
    const pathLevel = (item.parameters ?? []).map((p) => resolveLocal(doc, p));

    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const where = `${method.toUpperCase()} ${template}`;

      if (!op.operationId) {
        problems.push(`${where}: no operationId`);
      } else if (operationIds.has(op.operationId)) {
        problems.push(`${where}: operationId ${op.operationId} is also used by ${operationIds.get(op.operationId)}`);
      } else {
        operationIds.set(op.operationId, where);
      }

      // Operation-level parameters override path-level ones with the same name and location.
      const params = new Map();
      for (const p of pathLevel) if (p) params.set(`${p.in}:${p.name}`, p);
      const seen = new Set();
      for (const raw of op.parameters ?? []) {
        const p = resolveLocal(doc, raw);
        if (!p) continue;
        const key = `${p.in}:${p.name}`;
        if (seen.has(key)) problems.push(`${where}: parameter ${key} is declared twice`);
        seen.add(key);
        params.set(key, p);
      }
      for (const name of names) {
        const p = params.get(`path:${name}`);
        if (!p) problems.push(`${where}: path parameter {${name}} is not declared`);
        else if (p.required !== true) problems.push(`${where}: path parameter {${name}} must be required`);
      }
      for (const p of params.values()) {
        if (p.in === "path" && !names.includes(p.name)) {
          problems.push(`${where}: path parameter ${p.name} is not in the template`);
        }
      }

      checkSecurity(where, op.security);
      const codes = Object.keys(op.responses ?? {});
      if (!codes.some((c) => /^[23]/.test(c))) problems.push(`${where}: no success response`);
      if (op.requestBody && ["get", "head", "delete"].includes(method)) {
        problems.push(`${where}: a ${method.toUpperCase()} takes no request body`);
      }
    }
  }
  return problems;
}

function newAjv() {
  const ajv = new Ajv2020({
    strict: true,          // unknown keywords are errors
    strictTypes: false,    // "else": {"properties": {"name": {"minLength": 1}}} is fine
    strictRequired: false,
    allErrors: true,
    validateFormats: false,  // formats are annotations in OpenAPI 3.1's base dialect
  });
  // The OpenAPI 3.1 base vocabulary on top of JSON Schema 2020-12.
  for (const keyword of ["discriminator", "xml", "externalDocs", "example"]) ajv.addKeyword(keyword);
  return ajv;
}

// Calls visit(schema, where) for every Schema Object in the dereferenced document, with the
// examples that illustrate it.
function forEachSchema(doc, visit) {
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    visit(schema, `components.schemas.${name}`, []);
  }
  const visitContent = (content, where) => {
    for (const [media, mediaType] of Object.entries(content ?? {})) {
      if (!mediaType.schema) continue;
      const examples = [];
      if ("example" in mediaType) examples.push(mediaType.example);
      for (const ex of Object.values(mediaType.examples ?? {})) if ("value" in ex) examples.push(ex.value);
      visit(mediaType.schema, `${where} ${media}`, examples);
    }
  };
  const visitParameter = (p, where) => {
    if (!p) return;
    const examples = "example" in p ? [p.example] : [];
    if (p.schema) visit(p.schema, `${where} parameter ${p.in}:${p.name}`, examples);
    visitContent(p.content, `${where} parameter ${p.in}:${p.name}`);
  };
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    for (const p of item.parameters ?? []) visitParameter(p, template);
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const where = `${method.toUpperCase()} ${template}`;
      for (const p of op.parameters ?? []) visitParameter(p, where);
      visitContent(op.requestBody?.content, `${where} request`);
      for (const [code, response] of Object.entries(op.responses ?? {})) {
        visitContent(response.content, `${where} ${code}`);
        for (const [name, header] of Object.entries(response.headers ?? {})) {
          if (header.schema) visit(header.schema, `${where} ${code} header ${name}`, []);
        }
      }
    }
  }
}

function checkSchemas(doc) {
  const problems = [];
  const ajv = newAjv();
  // Dereferencing shares one object per component schema: compile (and report) each once.
  const compiled = new Map();
  forEachSchema(doc, (schema, where, mediaExamples) => {
    const first = !compiled.has(schema);
    if (first) {
      try {
        compiled.set(schema, ajv.compile(schema));
      } catch (e) {
        compiled.set(schema, null);
        problems.push(`${where}: not a valid JSON Schema 2020-12: ${e.message}`);
      }
    }
    const validate = compiled.get(schema);
    if (!validate) return;
    const own = first && Array.isArray(schema.examples) ? schema.examples : [];
    const examples = [...own, ...mediaExamples];
    examples.forEach((example, i) => {
      if (!validate(example)) {
        const why = validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
        problems.push(`${where}: example ${i} does not match its schema: ${why}`);
      }
    });
  });
  return problems;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
