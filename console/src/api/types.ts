import type { Role } from '@contracts/roles';
import type { TaskStatus, TaskType } from '@contracts/task';

// The shapes the console reads from the API (only the fields it shows).

export interface Page<T> {
  items: T[];
  total?: number;
  page?: number;
  pageSize?: number;
}

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  jurisdictionCode: string;
}

export interface Task {
  id: string;
  type: TaskType;
  status: TaskStatus;
  candidateRole: Role;
  assignee: string | null;
  caseKind: string;
  caseId: string | null;
  applicationId?: string | null;
  countyCode: string;
  townshipCode?: string;
  createdAt: string;
  dueAt: string | null;
  overdue: boolean;
  escalationKind?: string | null;
  reason?: string | null;
}

export interface TimelineEvent {
  id?: string;
  at?: string;
  createdAt?: string;
  kind?: string;
  type?: string;
  summary?: string;
  detail?: unknown;
}

export interface CaseDetail {
  id: string;
  category: string;
  channel?: string;
  stage: string;
  stageName: string;
  countyCode?: string;
  createdAt?: string;
  /** The household's receipt slip code (办件进度查询). */
  receiptCode?: string | null;
  drill?: boolean;
  turn: { taskId: string; type: TaskType; role: Role; assignee: string | null; dueAt: string | null } | null;
  process: {
    processDueAt?: string | null;
    publicityEndsAt?: string | null;
    engine?: { status: string; monthlyAmount: number; recommendedCategory: string | null } | null;
    opinion?: { proposal: string; amount: number | null } | null;
    outcome?: { decidedBy: string; amount: number | null } | null;
  } | null;
  incidents: { id: string }[];
  [key: string]: unknown;
}

export interface Notification {
  id: string;
  kind: 'TASK_OPENED' | 'TASK_ASSIGNED' | 'TASK_REMINDER' | 'ESCALATION';
  taskId: string | null;
  taskType: TaskType | null;
  message: string;
  createdAt: string;
  read: boolean;
}

export interface NotificationPage {
  items: Notification[];
  total: number;
  unread: number;
}

export interface EscalationItem {
  id: string;
  source: 'TASK' | 'DELIBERATION';
  kind: string;
  caseKind: string;
  caseId: string | null;
  countyCode: string;
  townshipCode: string | null;
  reason: string | null;
  createdAt: string;
  ageHours: number;
  dueAt: string;
  slaState: 'ON_TIME' | 'AT_RISK' | 'BREACHED';
  owner: string | null;
  status: string;
}

/** A page of the 督办看板 (GET /escalations) and its open items per SLA state (before the SLA filter). */
export interface EscalationBoard {
  items: EscalationItem[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<EscalationItem['slaState'], number>;
}
