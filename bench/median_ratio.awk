# SPDX-License-Identifier: Apache-2.0
# The median over the rounds of a program's figure over the bare program's in the same round,
# from lines "NAME FIGURE ROUND" (bench/startup.sh, bench/run.sh). A round takes seconds, so
# both programs in it see the same machine; a lucky round of the bare program moves every ratio
# taken between best rounds, but only one ratio of the median. "-" when there is none.
# Usage: awk -v name=NAME -v bare=BARE_NAME -f bench/median_ratio.awk FILE
$1 == bare { base[$3] = $2 }
$1 == name { figure[$3] = $2 }
END {
    n = 0
    for (r in figure) {
        if (base[r] > 0) {
            ratio[++n] = figure[r] / base[r]
        }
    }
    for (i = 2; i <= n; i++) {
        v = ratio[i]
        for (j = i - 1; j >= 1 && ratio[j] > v; j--) {
            ratio[j + 1] = ratio[j]
        }
        ratio[j + 1] = v
    }
    if (n == 0) {
        print "-"
    } else if (n % 2) {
        printf "%.2f", ratio[(n + 1) / 2]
    } else {
        printf "%.2f", (ratio[n / 2] + ratio[n / 2 + 1]) / 2
    }
}
