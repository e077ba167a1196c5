// End-to-end tests run the whole platform as processes: give them up to ten minutes each.
jest.setTimeout(600_000);
