/** Login, logout and roles (Chinese). */
export const authZhCN = {
  title: '登录',
  username: '用户名',
  password: '密码',
  signIn: '登录',
  signingIn: '正在登录…',
  hint: '账号由系统管理员分配。忘记密码请联系管理员重置。',
  wrongPassword: '用户名或密码错误，或账号已停用。请检查后重试。',
  tooMany: '登录失败次数过多，请 15 分钟后再试，或联系管理员重置密码。',
  failed: '登录失败，请稍后重试。',
  logout: '退出登录',
  wholeDistrict: '全域',
  scopeTitle: '可操作范围：{{scope}}',
  checking: '正在确认登录状态…',
  adminTitle: '账号管理',
  adminHint:
    '管理员负责账号与审计日志：通过 /api/users 创建、停用账号和重置密码，通过 /api/audit 查看审计日志。',
  roles: {
    leader: '领导',
    planner: '网格规划',
    dispatcher: '调度员',
    worker: '网格员',
    admin: '管理员',
  },
};
