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
      comment: "use cases reach the world through ports, never adapters or the web layer",
      severity: "error",
      from: { path: "^sync-service/src/usecases/" },
      to: { path: "^sync-service/src/(adapters|web|jobs)/" },
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
