import { describe, expect, it } from "vitest";
import { objectKind, readIncomingKey } from "./incoming-object";

describe("readIncomingKey", () => {
  it("finds the tenant of incoming/{tenantId}/... at any depth", () => {
    expect(readIncomingKey("incoming/t1/cat.png")).toEqual({
      kind: "incoming",
      tenantId: "t1",
      objectKind: "image",
    });
    expect(readIncomingKey("incoming/t1/shoot/2024/a.job.json")).toEqual({
      kind: "incoming",
      tenantId: "t1",
      objectKind: "manifest",
    });
  });

  it("keeps out keys without a tenant folder, other prefixes and folder markers", () => {
    expect(readIncomingKey("incoming/cat.png").kind).toBe("outside_incoming");
    expect(readIncomingKey("incoming//cat.png").kind).toBe("outside_incoming");
    expect(readIncomingKey("uploads/t1/cat.png").kind).toBe("outside_incoming");
    expect(readIncomingKey("Incoming/t1/cat.png").kind).toBe("outside_incoming");
    expect(readIncomingKey("incoming/t1/").kind).toBe("folder_marker");
    expect(readIncomingKey("incoming/t1/shoot/").kind).toBe("folder_marker");
  });
});

describe("objectKind", () => {
  it("knows manifests and the four image types by name, in any case", () => {
    expect(objectKind("a/b.job.json")).toBe("manifest");
    expect(objectKind("a/B.JOB.JSON")).toBe("manifest");
    for (const name of ["a.jpg", "a.JPG", "a.jpeg", "a.png", "a.webp"])
      expect(objectKind(name)).toBe("image");
  });

  it("calls everything else unsupported, plain JSON and videos included", () => {
    for (const name of ["a.json", "a.mp4", "a.gif", "a.png.txt", "jpg", "a.job.json.bak"]) {
      expect(objectKind(name)).toBe("unsupported");
    }
  });
});
