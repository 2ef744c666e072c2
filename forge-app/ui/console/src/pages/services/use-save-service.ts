import { useApiMutation } from "../../api/hooks.ts";
import { servicePath, type Service, type ServiceBody } from "../../api/services.ts";

/** `PATCH /api/services/{id}`; refreshes every query (the list, the page, pickers naming the service). */
export const useSaveService = (id: string) => useApiMutation<ServiceBody, Service>("PATCH", servicePath(id));
