// Integration tests start real processes and wait on real brokers: minutes, not seconds. (Jest
// ignores `testTimeout` inside `projects` entries, hence a setup file per tier.)
jest.setTimeout(180_000);
