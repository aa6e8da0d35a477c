/**
 * Answers of a real three-member etcd 3.4.23 cluster (Debian's etcd-server) on 127.0.0.1, as
 * its JSON gateway sent them: before and after its leader m3 was stopped, and from the last
 * member standing once a second one was stopped (no quorum, so no leader).
 */
export const recordedMemberList = {
  header: { cluster_id: "5371915896323641503", member_id: "16110641917360169610", raft_term: "2" },
  members: [
    {
      ID: "13060485819844558508",
      name: "m2",
      peerURLs: ["http://127.0.0.1:23802"],
      clientURLs: ["http://127.0.0.1:23702"],
    },
    {
      ID: "15010092577527087658",
      name: "m3",
      peerURLs: ["http://127.0.0.1:23803"],
      clientURLs: ["http://127.0.0.1:23703"],
    },
    {
      ID: "16110641917360169610",
      name: "m1",
      peerURLs: ["http://127.0.0.1:23801"],
      clientURLs: ["http://127.0.0.1:23701"],
    },
  ],
};

/** Member ids as etcdctl prints them (hex). */
export const recordedMemberIds = { m1: "df947f774bc5628a", m2: "b5402aa7dddc7eac", m3: "d04e8fac213ac22a" };

export const recordedStatusBeforeFailover = {
  m1: {
    header: {
      cluster_id: "5371915896323641503",
      member_id: "16110641917360169610",
      revision: "1",
      raft_term: "2",
    },
    version: "3.4.23",
    dbSize: "20480",
    leader: "15010092577527087658",
    raftIndex: "8",
    raftTerm: "2",
    raftAppliedIndex: "8",
    dbSizeInUse: "16384",
  },
  m2: {
    header: {
      cluster_id: "5371915896323641503",
      member_id: "13060485819844558508",
      revision: "1",
      raft_term: "2",
    },
    version: "3.4.23",
    dbSize: "20480",
    leader: "15010092577527087658",
    raftIndex: "8",
    raftTerm: "2",
    raftAppliedIndex: "8",
    dbSizeInUse: "16384",
  },
  m3: {
    header: {
      cluster_id: "5371915896323641503",
      member_id: "15010092577527087658",
      revision: "1",
      raft_term: "2",
    },
    version: "3.4.23",
    dbSize: "24576",
    leader: "15010092577527087658",
    raftIndex: "8",
    raftTerm: "2",
    raftAppliedIndex: "8",
    dbSizeInUse: "16384",
  },
};

export const recordedStatusAfterFailover = {
  m1: {
    header: {
      cluster_id: "5371915896323641503",
      member_id: "16110641917360169610",
      revision: "1",
      raft_term: "3",
    },
    version: "3.4.23",
    dbSize: "20480",
    leader: "13060485819844558508",
    raftIndex: "9",
    raftTerm: "3",
    raftAppliedIndex: "9",
    dbSizeInUse: "16384",
  },
  m2: {
    header: {
      cluster_id: "5371915896323641503",
      member_id: "13060485819844558508",
      revision: "1",
      raft_term: "3",
    },
    version: "3.4.23",
    dbSize: "20480",
    leader: "13060485819844558508",
    raftIndex: "9",
    raftTerm: "3",
    raftAppliedIndex: "9",
    dbSizeInUse: "16384",
  },
};

export const recordedStatusWithoutQuorum = {
  header: { cluster_id: "5371915896323641503", member_id: "16110641917360169610", revision: "1", raft_term: "4" },
  version: "3.4.23",
  dbSize: "20480",
  raftIndex: "10",
  raftTerm: "4",
  raftAppliedIndex: "10",
  errors: ["etcdserver: no leader"],
  dbSizeInUse: "16384",
};

/** The leadership lines of m1's /metrics after the failover, among others of its exposition. */
export const recordedMetricsAfterFailover = `# HELP etcd_server_go_version Which Go version server is running with. 1 for 'server_go_version' label with current version.
# TYPE etcd_server_go_version gauge
etcd_server_go_version{server_go_version="go1.19.8"} 1
# HELP etcd_server_has_leader Whether or not a leader exists. 1 is existence, 0 is not.
# TYPE etcd_server_has_leader gauge
etcd_server_has_leader 1
# HELP etcd_server_id Server or member ID in hexadecimal format. 1 for 'server_id' label with current ID.
# TYPE etcd_server_id gauge
etcd_server_id{server_id="df947f774bc5628a"} 1
# HELP etcd_server_is_leader Whether or not this member is a leader. 1 if is, 0 otherwise.
# TYPE etcd_server_is_leader gauge
etcd_server_is_leader 0
# HELP etcd_server_leader_changes_seen_total The number of leader changes seen.
# TYPE etcd_server_leader_changes_seen_total counter
etcd_server_leader_changes_seen_total 2
`;
