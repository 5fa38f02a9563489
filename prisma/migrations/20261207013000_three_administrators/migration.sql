-- 三员分立: the security administrator manages accounts and roles, the audit administrator
-- alone reads the audit trail (the system administrator keeps the service's configuration).
ALTER TYPE "Role" ADD VALUE 'SECURITY_ADMINISTRATOR';
ALTER TYPE "Role" ADD VALUE 'AUDIT_ADMINISTRATOR';
