-- CreateTable
CREATE TABLE "holiday_schedule" (
    "year" INTEGER NOT NULL,
    "holidays" TEXT[],
    "make_up_workdays" TEXT[],
    "source" TEXT NOT NULL,
    "loaded_by" TEXT NOT NULL,
    "loaded_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "holiday_schedule_pkey" PRIMARY KEY ("year")
);

