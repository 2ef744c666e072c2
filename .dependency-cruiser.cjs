/** Keeps the domain pure and the layers honest; `npm run lint` runs it. */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment:
        "domain/ imports nothing outside domain/: no Prisma, express, HTTP clients, node I/O or config. " +
        "Exceptions are pure computation libraries: temporal-polyfill (time-zone maths), @atlassianlabs/jql-ast (Atlassian's JQL grammar), " +
        "ipaddr.js (address ranges), libphonenumber-js (numbering plans) and zod (e-mail syntax)",
      severity: "error",
      from: { path: "^sync-service/src/domain/" },
      to: {
        pathNot:
          "^sync-service/src/domain/|node_modules/(temporal-polyfill|@atlassianlabs/jql-ast|antlr4|ipaddr\\.js|libphonenumber-js|zod)",
      },
    },
    {
      name: "prisma-stays-in-persistence",
      comment: "Prisma types never leave adapters/persistence/",
      severity: "error",
      from: { pathNot: "^sync-service/src/(adapters/persistence/|server\\.ts$)" },
      to: { path: "(^sync-service/src/adapters/persistence/generated/|node_modules/@prisma/)" },
    },
    {
      name: "usecases-use-ports",
      comment:
        "use cases reach the world through ports, never adapters, vendor formats or the web layer: vendor names stay out of them",
      severity: "error",
      from: { path: "^sync-service/src/usecases/" },
      to: { path: "^sync-service/src/(adapters|formats|web|jobs)/" },
    },
    {
      name: "web-and-jobs-skip-adapters",
      comment:
        "web/ and jobs/ get adapters as ports from the composition root (app.ts, server.ts, integration-ports.ts, outside web/); " +
        "the vendor formats they parse, verify and render come from formats/",
      severity: "error",
      from: { path: "^sync-service/src/(web|jobs)/" },
      to: { path: "^sync-service/src/adapters/" },
    },
    {
      name: "adapters-skip-usecases",
      comment:
        "adapters implement ports and know nothing of the use cases that call them (nor of web/ or jobs/); " +
        "an error they raise is their own or a port's",
      severity: "error",
      from: { path: "^sync-service/src/adapters/" },
      to: { path: "^sync-service/src/(usecases|web|jobs)/" },
    },
    {
      name: "formats-are-pure-vendor-knowledge",
      comment:
        "formats/ (parsers, signature checks and renderers of vendor formats, shared by web/, jobs/ and adapters/) " +
        "imports only domain/, other formats and libraries: no ports, adapters, use cases, web, jobs or config",
      severity: "error",
      from: { path: "^sync-service/src/formats/" },
      to: { path: "^sync-service/src/(?!(domain|formats)/)" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(\\.test\\.ts$|/generated/)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".mjs"] },
  },
};
