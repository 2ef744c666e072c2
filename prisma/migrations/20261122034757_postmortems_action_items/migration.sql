-- CreateTable
CREATE TABLE "postmortems" (
    "incident_id" UUID NOT NULL,
    "template_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "page_id" TEXT,
    "page_url" TEXT,
    "timeline_page_id" TEXT,
    "page_version" INTEGER NOT NULL DEFAULT 0,
    "rendered_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "postmortems_pkey" PRIMARY KEY ("incident_id")
);

-- CreateTable
CREATE TABLE "action_items" (
    "id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "required" BOOLEAN NOT NULL DEFAULT true,
    "due_date" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "issue_id" TEXT,
    "issue_key" TEXT,
    "status_name" TEXT,
    "status_category" TEXT,
    "assignee" TEXT,
    "error" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "done_at" TIMESTAMPTZ(3),

    CONSTRAINT "action_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "postmortems_page_id_key" ON "postmortems"("page_id");

-- CreateIndex
CREATE INDEX "action_items_incident_id_idx" ON "action_items"("incident_id");

-- CreateIndex
CREATE INDEX "action_items_issue_id_idx" ON "action_items"("issue_id");

-- CreateIndex
CREATE INDEX "action_items_status_category_due_date_idx" ON "action_items"("status_category", "due_date");
