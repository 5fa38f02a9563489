-- AlterEnum
ALTER TYPE "RecheckCampaignStatus" ADD VALUE 'STOPPED';

