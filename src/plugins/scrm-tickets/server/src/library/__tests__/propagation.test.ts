import { templateChange } from '../propagation';

describe('what a newer library version tells open tickets', () => {
  it('names the settings, the fields added and removed, and the checklist items each state gained', () => {
    const change = templateChange({ key: 'lib', version: '1.1.0', previous: '1.0.0' }, [
      { field: 'fieldDefinitions', before: [{ key: 'summary' }, { key: 'old' }], after: [{ key: 'summary' }, { key: 'model' }] },
      {
        field: 'workflow',
        before: { states: [{ key: 'open' }, { key: 'onsite', checklist: [{ key: 'photo' }] }] },
        after: { states: [{ key: 'open' }, { key: 'onsite', checklist: [{ key: 'photo' }, { key: 'sign' }] }, { key: 'audit', checklist: [{ key: 'check' }] }] },
      },
      { field: 'keywords', before: ['a'], after: ['a', 'b'] },
    ]);
    expect(change).toEqual({
      library: { key: 'lib', version: { before: '1.0.0', after: '1.1.0' } },
      settings: ['fieldDefinitions', 'workflow', 'keywords'],
      fieldsAdded: ['model'],
      fieldsRemoved: ['old'],
      checklistAdded: { onsite: ['sign'], audit: ['check'] },
    });
  });

  it('says no more than the settings when only texts or keywords moved', () => {
    expect(templateChange({ key: 'lib', version: '2.0.0', previous: null }, [{ field: 'notificationTexts', before: null, after: {} }])).toEqual({
      library: { key: 'lib', version: { before: null, after: '2.0.0' } },
      settings: ['notificationTexts'],
    });
  });
});
