-- Reports remember whether they were urgent when sent (the summary lists the urgent ones of its window).
ALTER TABLE "Report" ADD COLUMN "urgent" BOOLEAN NOT NULL DEFAULT false;
