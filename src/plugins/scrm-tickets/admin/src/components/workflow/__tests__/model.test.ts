import { errorLeaves } from '../../editors/server-errors';
import { addState, customised, exitsOf, problemsOf, relabelState, removeState, renameState, setFinal, setFrom } from '../model';

describe('the workflow editor model', () => {
  it('starts a template’s own workflow from the default one, which has no problems', () => {
    const wf = customised();
    expect(wf.states.map((s) => s.key)).toEqual(['new', 'assigned', 'in_progress', 'pending_customer', 'resolved', 'closed', 'cancelled']);
    const { general, states, transitions } = problemsOf(wf, []);
    expect([general.length, states.size, transitions.size]).toEqual([0, 0, 0]);
    // A copy: changing it leaves the default alone.
    wf.states[0].label['zh-Hans'] = '改';
    expect(customised().states[0].label['zh-Hans']).toBe('新建');
  });

  it('adds a state with a snake_case key from its name, unique, never the reserved awaiting_approval', () => {
    let wf = addState(customised(), '上门检测');
    expect(wf.states.at(-1)!.key).toBe('shang_men_jian_ce');
    wf = addState(wf, '上门检测');
    expect(wf.states.at(-1)!.key).toBe('shang_men_jian_ce_2');
    expect(relabelState(wf, wf.states.length - 1, { 'zh-Hans': 'Awaiting approval' }, true).states.at(-1)!.key).toBe('awaiting_approval_2');
  });

  it('files an unreachable state and a dead end under the state, a final state with exits under its final setting', () => {
    let wf = addState(customised(), '上门检测');
    const i = wf.states.length - 1;
    let problems = problemsOf(wf, []);
    expect(problems.states.get(i)).toEqual([
      { prop: 'key', path: [], message: 'cannot be reached from new', fromServer: undefined },
      { prop: 'key', path: [], message: 'is not final but has no transition out of it', fromServer: undefined },
    ]);
    wf = {
      ...wf,
      transitions: [...wf.transitions, { from: 'in_progress', to: 'shang_men_jian_ce' }, { from: 'shang_men_jian_ce', to: 'resolved' }, { from: 'closed', to: 'new' }],
    };
    problems = problemsOf(wf, []);
    expect(problems.states.get(i)).toBeUndefined();
    const closed = wf.states.findIndex((s) => s.key === 'closed');
    expect(problems.states.get(closed)).toEqual([{ prop: 'final', path: [], message: 'is final and cannot have transitions out of it', fromServer: undefined }]);
  });

  it('renames a key everywhere it is named, and removes a state with the transitions to it', () => {
    let wf = renameState(customised(), 2, 'doing');
    expect(wf.transitions.filter((t) => t.to === 'doing')).toHaveLength(3);
    expect(exitsOf(wf, 'doing')).toEqual(['pending_customer', 'resolved', 'cancelled']);
    wf = removeState(wf, 2);
    expect(wf.transitions.some((t) => t.to === 'doing' || [t.from].flat().includes('doing'))).toBe(false);
    // `from: ['new', 'assigned']` lost nothing else; `from: 'in_progress'` alone went with it.
    expect(wf.transitions.find((t) => t.to === 'cancelled' && Array.isArray(t.from))!.from).toEqual(['assigned', 'pending_customer', 'resolved']);
    wf = removeState(wf, 0);
    expect(wf.initial).toBe('assigned');
    expect(setFrom({ from: 'a', to: 'b' }, ['a', 'c']).from).toEqual(['a', 'c']);
    expect(setFinal(wf, 'resolved', true).final).toEqual(['closed', 'cancelled', 'resolved']);
  });

  it("shows the server's answer to a save on the state, transition or setting it names", () => {
    const wf = customised();
    const server = errorLeaves({
      states: { 1: { key: 'cannot be reached from new' } },
      transitions: { 3: { roles: 'must be a non-empty list of role codes or names' } },
      initial: 'names no state of this workflow',
      final: { 0: 'cannot be the initial state' },
    });
    const problems = problemsOf(wf, server);
    expect(problems.states.get(1)).toEqual([{ prop: 'key', path: [], message: 'cannot be reached from new', fromServer: true }]);
    expect(problems.transitions.get(3)).toEqual([{ prop: 'roles', path: [], message: 'must be a non-empty list of role codes or names', fromServer: true }]);
    expect(problems.general).toEqual([{ prop: 'initial', path: [], message: 'names no state of this workflow', fromServer: true }]);
    expect(problems.states.get(wf.states.findIndex((s) => s.key === 'closed'))).toEqual([{ prop: 'final', path: [], message: 'cannot be the initial state', fromServer: true }]);
  });
});
