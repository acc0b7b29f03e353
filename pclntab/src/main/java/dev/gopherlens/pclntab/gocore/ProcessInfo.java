package dev.gopherlens.pclntab.gocore;

import java.util.Objects;

/**
 * The process that dumped core, from its {@code NT_PRPSINFO} note. Immutable.
 *
 * @param state   the scheduler state letter ({@code pr_sname}): {@code R}, {@code S}, {@code D}, …
 * @param pid     the process id (the thread group id; the Go runtime's m0 thread has it as its LWP id)
 * @param ppid    the parent's process id
 * @param uid     the user id
 * @param gid     the group id
 * @param name    the command name ({@code pr_fname}, at most 15 bytes)
 * @param args    the command line with arguments separated by spaces ({@code pr_psargs}), cut at 79 bytes
 */
public record ProcessInfo(char state, int pid, int ppid, long uid, long gid, String name, String args) {

    /**
     * Checks the strings.
     *
     * @param state the state letter
     * @param pid   the process id
     * @param ppid  the parent's id
     * @param uid   the user id
     * @param gid   the group id
     * @param name  the command name
     * @param args  the command line
     */
    public ProcessInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(args, "args");
    }

    /** {@return for example {@code pid 20819 (coregen) "./coregen -wait 65s" state R ppid 1 uid 0}} */
    @Override
    public String toString() {
        return "pid " + pid + " (" + name + ") \"" + args + "\" state " + state + " ppid " + ppid + " uid " + uid
                + " gid " + gid;
    }
}
