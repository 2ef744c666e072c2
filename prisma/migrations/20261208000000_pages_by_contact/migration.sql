-- A text back to a page (or a key pressed in its call) finds the latest page to the number it comes from.

-- CreateIndex
CREATE INDEX "pages_contact_method_id_created_at_idx" ON "pages"("contact_method_id", "created_at");
