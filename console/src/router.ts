import { createRouter, createWebHistory } from 'vue-router';
import { useSession } from './stores/session';
import { mayOpen, menuFor } from './menus';

// Every screen but the login page is loaded on demand: the first page stays small.
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
    {
      // The public side, without login: statistics, publicity with objections, progress lookup, complaints.
      path: '/public',
      component: () => import('./views/public/PublicLayout.vue'),
      meta: { public: true },
      children: [
        { path: '', redirect: { name: 'public-statistics' } },
        {
          path: 'statistics',
          name: 'public-statistics',
          component: () => import('./views/public/PublicStatisticsView.vue'),
          meta: { public: true },
        },
        {
          path: 'complaints',
          name: 'public-complaints',
          component: () => import('./views/public/PublicComplaintView.vue'),
          meta: { public: true },
        },
        {
          path: 'publicity',
          name: 'public-publicity',
          component: () => import('./views/public/PublicPublicityView.vue'),
          meta: { public: true },
        },
        {
          path: 'progress',
          name: 'public-progress',
          component: () => import('./views/public/PublicProgressView.vue'),
          meta: { public: true },
        },
      ],
    },
    {
      // A notice on an A4 sheet, without the console's chrome (printed from the browser).
      path: '/print/:owner(applications|emergency-aid)/:id/notices/:index',
      name: 'notice-print',
      component: () => import('./views/NoticePrintView.vue'),
      props: true,
    },
    {
      path: '/',
      component: () => import('./views/ShellView.vue'),
      children: [
        {
          path: '',
          name: 'home',
          redirect: () => ({ name: menuFor(useSession().actor!.role)[0]?.name ?? 'forbidden' }),
        },
        { path: 'inbox', name: 'inbox', component: () => import('./views/InboxView.vue') },
        { path: 'tasks/:id', name: 'task', component: () => import('./views/TaskView.vue'), props: true },
        { path: 'cases', name: 'cases', component: () => import('./views/CaseListView.vue') },
        { path: 'cases/:id', name: 'case', component: () => import('./views/CaseView.vue'), props: true },
        {
          path: 'enrolled-cases',
          name: 'enrolled-cases',
          component: () => import('./views/enrolment/EnrolledCaseListView.vue'),
        },
        {
          path: 'enrolled-cases/:id',
          name: 'enrolled-case',
          component: () => import('./views/enrolment/EnrolledCaseView.vue'),
          props: true,
        },
        {
          path: 'applications/new',
          name: 'new-application',
          component: () => import('./views/NewApplicationView.vue'),
        },
        { path: 'emergency-aid/new', name: 'emergency-new', component: () => import('./views/EmergencyNewView.vue') },
        { path: 'emergency-aid', name: 'emergency-list', component: () => import('./views/EmergencyListView.vue') },
        {
          path: 'emergency-aid/:id',
          name: 'emergency',
          component: () => import('./views/EmergencyView.vue'),
          props: true,
        },
        { path: 'deliberations', name: 'deliberations', component: () => import('./views/DeliberationListView.vue') },
        {
          path: 'deliberations/:id',
          name: 'deliberation',
          component: () => import('./views/DeliberationView.vue'),
          props: true,
        },
        { path: 'referrals', name: 'referrals', component: () => import('./views/ReferralListView.vue') },
        {
          path: 'referrals/:id',
          name: 'referral',
          component: () => import('./views/ReferralView.vue'),
          props: true,
        },
        { path: 'population', name: 'population', component: () => import('./views/PopulationView.vue') },
        { path: 'warnings', name: 'warnings', component: () => import('./views/WarningListView.vue') },
        { path: 'warnings/:id', name: 'warning', component: () => import('./views/WarningView.vue'), props: true },
        { path: 'campaigns', name: 'campaigns', component: () => import('./views/enrolment/CampaignsView.vue') },
        {
          path: 'monitoring/batches',
          name: 'data-batches',
          component: () => import('./views/monitoring/DataBatchView.vue'),
        },
        { path: 'monitoring/surveys', name: 'surveys', component: () => import('./views/monitoring/SurveyView.vue') },
        {
          path: 'monitoring/survey-records',
          name: 'survey-records',
          component: () => import('./views/records/SurveyRecordsView.vue'),
        },
        { path: 'escalations', name: 'escalations', component: () => import('./views/EscalationBoardView.vue') },
        { path: 'complaints', name: 'complaints', component: () => import('./views/ComplaintListView.vue') },
        {
          path: 'complaints/:id',
          name: 'complaint',
          component: () => import('./views/ComplaintView.vue'),
          props: true,
        },
        { path: 'hotline', name: 'hotline', component: () => import('./views/HotlineComplaintView.vue') },
        { path: 'recoveries', name: 'recoveries', component: () => import('./views/RecoveryListView.vue') },
        { path: 'recoveries/new', name: 'recovery-new', component: () => import('./views/RecoveryOpenView.vue') },
        {
          path: 'recoveries/:id',
          name: 'recovery',
          component: () => import('./views/RecoveryView.vue'),
          props: true,
        },
        { path: 'funds', name: 'funds', component: () => import('./views/FundsView.vue') },
        {
          path: 'funds/instructions',
          name: 'payment-instructions',
          component: () => import('./views/PaymentInstructionsView.vue'),
        },
        {
          path: 'funds/batches',
          name: 'payment-batches',
          component: () => import('./views/records/PaymentBatchesView.vue'),
        },
        { path: 'funds/bank-returns', name: 'bank-returns', component: () => import('./views/BankReturnView.vue') },
        { path: 'dashboard', name: 'dashboard', component: () => import('./views/DashboardView.vue') },
        {
          path: 'policy/parameters',
          name: 'parameters',
          component: () => import('./views/policy/ParametersView.vue'),
        },
        {
          path: 'policy/simulations',
          name: 'simulations',
          component: () => import('./views/policy/SimulationView.vue'),
        },
        {
          path: 'policy/adjustments',
          name: 'adjustments',
          component: () => import('./views/policy/AdjustmentView.vue'),
        },
        {
          path: 'policy/simulation-records',
          name: 'simulation-records',
          component: () => import('./views/records/SimulationRecordsView.vue'),
        },
        {
          path: 'policy/adjustment-records',
          name: 'adjustment-records',
          component: () => import('./views/records/AdjustmentRecordsView.vue'),
        },
        { path: 'calendar/holidays', name: 'holidays', component: () => import('./views/admin/HolidaysView.vue') },
        { path: 'incidents', name: 'incidents', component: () => import('./views/admin/IncidentsView.vue') },
        { path: 'users', name: 'users', component: () => import('./views/UsersView.vue') },
        { path: 'audit', name: 'audit', component: () => import('./views/AuditView.vue') },
        { path: 'forbidden', name: 'forbidden', component: () => import('./views/ForbiddenView.vue') },
        { path: ':rest(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
      ],
    },
  ],
});

router.beforeEach((to) => {
  const session = useSession();
  if (to.meta.public) return true;
  if (!session.signedIn) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  if (typeof to.name === 'string' && !mayOpen(session.actor!.role, to.name)) return { name: 'forbidden' };
  return true;
});
