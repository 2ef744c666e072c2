import { useState } from "react";
import { useApiMutation } from "../../api/hooks.ts";
import { servicePath, type Service, type ServiceBody } from "../../api/services.ts";

/** `PATCH /api/services/{id}`; refreshes every query (the list, the page, pickers naming the service). */
export const useSaveService = (id: string) => useApiMutation<ServiceBody, Service>("PATCH", servicePath(id));

/**
 * What each of the Service page's forms shares: the save, whether the last one succeeded ("Saved."), `touch` for an
 * edit (which clears both), and `saveBody`, which saves and records the outcome (the error shows through `save.error`).
 */
export function useServiceForm(id: string) {
  const save = useSaveService(id);
  const [saved, setSaved] = useState(false);
  const touch = () => {
    setSaved(false);
    if (save.error) save.reset();
  };
  const saveBody = async (body: ServiceBody) => setSaved((await save.mutateAsync(body).catch(() => null)) !== null);
  return { save, saved, touch, saveBody };
}
