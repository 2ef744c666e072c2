-- CreateIndex
CREATE INDEX "pages_created_at_idx" ON "pages"("created_at");

-- CreateIndex
CREATE INDEX "timeline_entries_type_occurred_at_idx" ON "timeline_entries"("type", "occurred_at");
