-- CreateIndex
CREATE INDEX "Report_unitId_formId_submittedAt_idx" ON "Report"("unitId", "formId", "submittedAt");

-- CreateIndex
CREATE INDEX "Report_status_unitId_updatedAt_formId_idx" ON "Report"("status", "unitId", "updatedAt", "formId");

-- CreateIndex
CREATE INDEX "Report_urgent_unitId_submittedAt_idx" ON "Report"("urgent", "unitId", "submittedAt");
