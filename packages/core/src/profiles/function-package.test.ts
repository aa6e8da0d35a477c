import { describe, expect, it } from "vitest";
import { packageOf } from "./function-package.ts";

describe("packageOf", () => {
  it.each([
    ["runtime.mallocgc", "runtime"],
    ["runtime.gcBgMarkWorker.func2", "runtime"],
    ["main.main.func1", "main"],
    ["main.(*server).handle", "main"],
    ["github.com/x/y/pkg.(*T).M", "github.com/x/y/pkg"],
    ["go.etcd.io/etcd/v3/mvcc.(*store).Range", "go.etcd.io/etcd/v3/mvcc"],
    ["go.etcd.io/bbolt.(*Tx).Commit", "go.etcd.io/bbolt"],
    ["sync/atomic.(*Int64).Add", "sync/atomic"],
    ["net/http.HandlerFunc.ServeHTTP", "net/http"],
    ["gopkg.in/yaml%2ev3.(*parser).parse", "gopkg.in/yaml.v3"],
    ["example.com/lib.Map[go.shape.string,github.com/a/b.T]", "example.com/lib"],
    ["example.com/lib.(*Cache[...]).Get", "example.com/lib"],
    ["(5 smaller frames)", ""],
    ["(1 smaller frame)", ""],
    ["[unknown]", ""],
    ["root", ""],
    ["__libc_start_main", ""],
    ["std::vector<int>::push_back", ""],
    ["0x45d2a1", ""],
    ["", ""],
  ])("%s is in %j", (name, pkg) => {
    expect(packageOf(name)).toBe(pkg);
  });
});
