import { describe, expect, it } from "vitest";
import { describeLimits, limitInputs, limitsPatch, newLimits } from "../src/tenant-limits";

describe("a tenant's limits in a form", () => {
  it("shows each limit as text, an absent one empty", () => {
    expect(limitInputs({ maxInFlight: 3 })).toEqual({
      maxInFlight: "3",
      creditsPerDay: "",
      creditsPerMonth: "",
    });
  });

  it("gives a new tenant the limits filled in only", () => {
    expect(newLimits({ maxInFlight: "3", creditsPerDay: " ", creditsPerMonth: "" })).toEqual({
      maxInFlight: 3,
    });
  });

  it("patches what changed: a new value set, an emptied limit removed (null), the rest left out", () => {
    const current = { maxInFlight: 3, creditsPerDay: 2000 };
    expect(limitsPatch(current, { maxInFlight: "3", creditsPerDay: "", creditsPerMonth: "50000" })).toEqual({
      creditsPerDay: null,
      creditsPerMonth: 50000,
    });
    expect(limitsPatch(current, limitInputs(current))).toEqual({});
  });

  it("passes text that is no number on as it is, for the API to refuse by name (never as a removal)", () => {
    expect(newLimits({ maxInFlight: "lots", creditsPerDay: "", creditsPerMonth: "" })).toEqual({
      maxInFlight: "lots",
    });
    expect(
      limitsPatch({ maxInFlight: 3 }, { maxInFlight: "three", creditsPerDay: "", creditsPerMonth: "" }),
    ).toEqual({
      maxInFlight: "three",
    });
  });

  it("says the limits in words", () => {
    const format = (n: number) => n.toLocaleString("en");
    expect(describeLimits({ maxInFlight: 3, creditsPerDay: 2000 }, format)).toBe(
      "3 at once, 2,000 credits a day",
    );
    expect(describeLimits({}, format)).toBe("no limits");
  });
});
