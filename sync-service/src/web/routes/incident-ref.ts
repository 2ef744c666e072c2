/** The incident reference (id or key) from the parent `/incidents/:ref` route, for routers mounted with `mergeParams`. */
export const refOf = (req: { params: object }): string => String((req.params as { ref?: string }).ref);
