#!/usr/bin/env python
# coding: utf-8

# In[ ]:

import numpy as np
import matplotlib.pyplot as plt


# In[ ]:

def eigh_descending(A):
    """對 symmetric matrix A 做 eigendecomposition,eigenvalues 由大到小排列。

    A: shape (d, d),symmetric。
    回傳 (eigenvalues, eigenvectors):shape 分別是 (d,) 與 (d, d);
    eigenvectors[:, i] 是 eigenvalues[i] 的 unit eigenvector(正負號任選)。
    """
    ### BEGIN SOLUTION
    A = np.asarray(A, dtype=float)
    eigenvalues, eigenvectors = np.linalg.eigh(A)
    # eigh sorts ascending: reverse the values and their columns together.
    return eigenvalues[::-1], eigenvectors[:, ::-1]
    ### END SOLUTION


# In[ ]:

# 手算:A = [[2, 1], [1, 2]] 的 eigenvalues 是 3 和 1,
# 對應的 unit eigenvectors 是 [1, 1]/√2 和 [1, -1]/√2(正負號任選)。
A = np.array([[2, 1], [1, 2]])  # 故意用整數 array
A_before = A.copy()
eigenvalues, eigenvectors = eigh_descending(A)
assert eigenvalues.shape == (2,), "eigenvalues 的 shape 應該是 (2,)"
assert eigenvectors.shape == (2, 2), "eigenvectors 的 shape 應該是 (2, 2)"
assert np.allclose(eigenvalues, [3.0, 1.0]), "eigenvalues 應該由大到小:[3, 1]"
expected_vectors = np.array([[1, 1], [1, -1]]) / np.sqrt(2)
# 不管正負號:對應的 columns 內積的絕對值是 1,不對應的是 0。
assert np.allclose(np.abs(eigenvectors.T @ expected_vectors), np.eye(2)), "eigenvectors 的 columns 不對"
assert np.allclose(A @ eigenvectors, eigenvectors * eigenvalues), "應該滿足 A v_i = λ_i v_i"
assert np.array_equal(A, A_before), "eigh_descending 不可以修改輸入 A"
print("eigh_descending: OK")


# In[ ]:

# 隱藏測試 (hidden tests):評分時執行,這格不用改。


# In[ ]:

def reconstruct_from_eigh(eigenvalues, eigenvectors):
    """由 eigenvalues 與 eigenvectors 組回 V diag(eigenvalues) V^T。

    eigenvalues: shape (d,);eigenvectors: shape (d, d),第 i 個 column 對應 eigenvalues[i]。
    回傳 shape (d, d) 的矩陣。
    """
    ### BEGIN SOLUTION
    eigenvalues = np.asarray(eigenvalues, dtype=float)
    eigenvectors = np.asarray(eigenvectors, dtype=float)
    # Scaling column i by eigenvalues[i] equals V @ diag(eigenvalues) without forming the diagonal matrix.
    return (eigenvectors * eigenvalues) @ eigenvectors.T
    ### END SOLUTION


# In[ ]:

# 手算:λ = [3, 1],v_1 = [1, 1]/√2,v_2 = [1, -1]/√2
# 3 * [[1, 1], [1, 1]]/2 + 1 * [[1, -1], [-1, 1]]/2 = [[2, 1], [1, 2]]
eigenvalues = np.array([3, 1])
eigenvectors = np.array([[1, 1], [1, -1]]) / np.sqrt(2)
reconstructed = reconstruct_from_eigh(eigenvalues, eigenvectors)
assert reconstructed.shape == (2, 2), "回傳的 shape 應該是 (2, 2)"
assert np.allclose(reconstructed, [[2, 1], [1, 2]]), "V diag(λ) V^T 算錯了"
# eigenvector 換號不影響結果,因為 v v^T = (-v)(-v)^T。
assert np.allclose(reconstruct_from_eigh(eigenvalues, -eigenvectors), [[2, 1], [1, 2]]), f"eigenvectors 全部換號後結果應該不變,仍是 [[2, 1], [1, 2]],你的是\n{reconstruct_from_eigh(eigenvalues, -eigenvectors)}"
print("reconstruct_from_eigh: OK")


# In[ ]:

# 隱藏測試 (hidden tests):評分時執行,這格不用改。


# In[ ]:

def covariance_matrix(X):
    """計算資料 X 各 column 之間的 sample covariance matrix(除以 n - 1)。

    X: shape (n, d),每一列是一筆樣本,n >= 2。
    回傳 shape (d, d) 的 symmetric 矩陣。
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    centred = X - X.mean(axis=0)
    return centred.T @ centred / (n - 1)
    ### END SOLUTION


# In[ ]:

# 手算:X 的 column means 是 [3, 6],
# X_c = [[-2, -4], [0, 0], [2, 4]],X_c^T X_c = [[8, 16], [16, 32]],再除以 n - 1 = 2。
X = np.array([[1, 2], [3, 6], [5, 10]])
X_before = X.copy()
C = covariance_matrix(X)
assert C.shape == (2, 2), "回傳的 shape 應該是 (2, 2)"
assert np.allclose(C, [[4, 8], [8, 16]]), "covariance matrix 算錯了(有沒有先 centering?有沒有除以 n - 1?)"
assert np.allclose(C, np.cov(X, rowvar=False)), f"結果應該和 np.cov(X, rowvar=False) 相同,你的是\n{C}"
assert np.array_equal(X, X_before), "covariance_matrix 不可以修改輸入 X"
print("covariance_matrix: OK")


# In[ ]:

# 隱藏測試 (hidden tests):評分時執行,這格不用改。


# In[ ]:

def pca(X, k):
    """用 covariance matrix 的 eigendecomposition 做 PCA,保留前 k 個 principal components。

    X: shape (n, d);k: 1 <= k <= d。
    回傳 (components, explained_variance, explained_variance_ratio):
    shape 分別是 (d, k)、(k,)、(k,),由 variance 大到小排列。
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    centred = X - X.mean(axis=0)
    C = centred.T @ centred / (X.shape[0] - 1)
    eigenvalues, eigenvectors = np.linalg.eigh(C)
    order = np.argsort(eigenvalues)[::-1]
    eigenvalues, eigenvectors = eigenvalues[order], eigenvectors[:, order]
    # The ratio divides by the variance of all d directions, which is the trace of C.
    total_variance = np.trace(C)
    return eigenvectors[:, :k], eigenvalues[:k], eigenvalues[:k] / total_variance
    ### END SOLUTION


# In[ ]:

# 手算:X 的 column means 是 [5, 5],X_c = [[2, 0], [0, 1], [-2, 0], [0, -1]],
# C = X_c^T X_c / 3 = [[8/3, 0], [0, 2/3]],total variance = tr(C) = 10/3。
# PC1 = ±[1, 0],variance 8/3,ratio = (8/3) / (10/3) = 0.8;PC2 = ±[0, 1],ratio 0.2。
X = np.array([[7, 5], [5, 6], [3, 5], [5, 4]])
X_before = X.copy()
components, explained_variance, explained_variance_ratio = pca(X, 1)
assert components.shape == (2, 1), "k = 1 時 components 的 shape 應該是 (2, 1)"
assert explained_variance.shape == (1,) and explained_variance_ratio.shape == (1,), f"k = 1 時 explained_variance、explained_variance_ratio 的 shape 都應該是 (1,),你的是 {explained_variance.shape}、{explained_variance_ratio.shape}"
assert np.allclose(np.abs(components), [[1], [0]]), "PC1 應該是 ±[1, 0]"
assert np.allclose(explained_variance, [8 / 3]), f"k = 1 時 explained_variance 應該是 [8/3],你的是 {explained_variance}"
assert np.allclose(explained_variance_ratio, [0.8]), "ratio 的分母應該是全部方向的 total variance"
components, explained_variance, explained_variance_ratio = pca(X, 2)
assert np.allclose(np.abs(components), np.eye(2)), f"k = 2 時 components 的 columns 應該是 ±[1, 0] 和 ±[0, 1],你的是\n{components}"
assert np.allclose(explained_variance, [8 / 3, 2 / 3]), f"k = 2 時 explained_variance 應該是 [8/3, 2/3],你的是 {explained_variance}"
assert np.allclose(explained_variance_ratio, [0.8, 0.2]), f"k = 2 時 explained_variance_ratio 應該是 [0.8, 0.2],你的是 {explained_variance_ratio}"
assert np.array_equal(X, X_before), "pca 不可以修改輸入 X"
print("pca: OK")


# In[ ]:

# 隱藏測試 (hidden tests):評分時執行,這格不用改。


# In[ ]:

try:
    rng = np.random.default_rng(0)
    mixing = np.array([[2.0, 0.0], [1.0, 0.8]])
    data_2d = rng.normal(size=(300, 2)) @ mixing.T + np.array([3.0, 1.0])
    components_2d, variance_2d, ratio_2d = pca(data_2d, 2)
    centre = data_2d.mean(axis=0)

    fig, ax = plt.subplots(figsize=(6.5, 5))
    ax.scatter(data_2d[:, 0], data_2d[:, 1], s=12, alpha=0.35, color="tab:blue", label="data")
    for i, color in enumerate(["tab:red", "tab:orange"]):
        direction = components_2d[:, i]
        # The sign of a component is arbitrary; point each arrow to the right for a stable picture.
        if direction[0] < 0:
            direction = -direction
        arrow = 2 * np.sqrt(variance_2d[i]) * direction
        ax.annotate("", xy=centre + arrow, xytext=centre,
                    arrowprops=dict(arrowstyle="-|>", color=color, lw=2.5, mutation_scale=18))
        ax.plot([], [], color=color, lw=2.5, label=f"PC{i + 1}: {ratio_2d[i]:.1%} of variance")
    ax.set_aspect("equal")
    ax.set_xlabel("feature 1")
    ax.set_ylabel("feature 2")
    ax.set_title("Principal axes (arrow length = 2 sqrt(eigenvalue))")
    ax.legend(loc="upper left")
    plt.show()
except NotImplementedError:
    print("這張圖要用到 pca、covariance_matrix 和 eigh_descending:完成上面的函式後,再執行這一格。")


# In[ ]:

try:
    rng = np.random.default_rng(1)
    factors = rng.normal(size=(500, 3)) * np.array([3.0, 2.0, 1.2])
    # Orthonormal loadings keep the three factor variances (9, 4, 1.44) apart in the plot.
    loadings = np.linalg.qr(rng.normal(size=(10, 3)))[0].T
    data_10d = factors @ loadings + 0.15 * rng.normal(size=(500, 10))
    _, _, ratio_10d = pca(data_10d, 10)
    positions = np.arange(1, 11)

    fig, ax = plt.subplots(figsize=(7, 4))
    ax.bar(positions, ratio_10d, color="tab:blue", alpha=0.7, label="explained variance ratio")
    ax.plot(positions, np.cumsum(ratio_10d), "o-", color="tab:red", label="cumulative")
    ax.axhline(0.9, color="gray", linestyle="--", lw=1, label="90% threshold")
    ax.set_xticks(positions)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("principal component")
    ax.set_ylabel("fraction of total variance")
    ax.set_title("Scree plot: 10-D data generated from 3 hidden factors")
    ax.legend(loc="center right")
    plt.show()
except NotImplementedError:
    print("這張圖要用到 pca:完成上面的函式後,再執行這一格。")


# In[ ]:

def pca_project(X, components):
    """把 centering 後的資料投影到 principal components 上。

    X: shape (n, d);components: shape (d, k),每個 column 是一個 unit principal component。
    回傳 shape (n, k) 的 (X - X 的 column means) @ components。
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    components = np.asarray(components, dtype=float)
    return (X - X.mean(axis=0)) @ components
    ### END SOLUTION


# In[ ]:

# 手算:沿用上面的 X,column means 是 [5, 5],X_c = [[2, 0], [0, 1], [-2, 0], [0, -1]]。
# 投影到 PC1 = [1, 0] 就是取 X_c 的第一個 column:[[2], [0], [-2], [0]]。
X = np.array([[7, 5], [5, 6], [3, 5], [5, 4]])
X_before = X.copy()
scores = pca_project(X, np.array([[1.0], [0.0]]))
assert scores.shape == (4, 1), "回傳的 shape 應該是 (n, k) = (4, 1)"
assert np.allclose(scores, [[2], [0], [-2], [0]]), "投影前有沒有先減去 column means?"
# 投影後的 sample variance = PC1 的 explained variance 8/3。
assert np.isclose(np.var(scores[:, 0], ddof=1), 8 / 3), f"scores 的 sample variance 應該等於 PC1 的 explained variance 8/3,你的是 {np.var(scores[:, 0], ddof=1)}"
assert np.array_equal(X, X_before), "pca_project 不可以修改輸入 X"
print("pca_project: OK")


# In[ ]:

# 隱藏測試 (hidden tests):評分時執行,這格不用改。


# In[ ]:

def power_iteration(A, num_iters=1000):
    """用 power iteration 估計 A 絕對值最大的 eigenvalue 和它的 unit eigenvector。

    A: shape (d, d);num_iters: 乘上 A 再 normalize 的步數。
    回傳 (eigenvalue, eigenvector):純量(Rayleigh quotient v^T A v)與 shape (d,) 的 unit vector。
    """
    ### BEGIN SOLUTION
    A = np.asarray(A, dtype=float)
    v = np.ones(A.shape[0])
    v = v / np.linalg.norm(v)
    for _ in range(num_iters):
        w = A @ v
        norm = np.linalg.norm(w)
        if norm == 0.0:
            # v is then an eigenvector for eigenvalue 0; further steps would divide by zero.
            break
        v = w / norm
    return float(v @ A @ v), v
    ### END SOLUTION


# In[ ]:

# 手算一步:A = [[2, 0], [0, 1]],v_0 = [1, 1]/√2,A v_0 = [2, 1]/√2,
# normalize 後 v_1 = [2, 1]/√5,Rayleigh quotient = (2·2·2 + 1·1·1)/5 = 9/5 = 1.8。
A = np.array([[2, 0], [0, 1]])
A_before = A.copy()
eigenvalue, eigenvector = power_iteration(A, num_iters=1)
assert eigenvector.shape == (2,), "eigenvector 的 shape 應該是 (d,) = (2,)"
assert np.isclose(eigenvalue, 1.8), "一步之後的 Rayleigh quotient 應該是 1.8(起點是全 1 向量嗎?)"
assert np.allclose(np.abs(eigenvector), np.array([2, 1]) / np.sqrt(5)), f"一步之後的 eigenvector 應該是 ±[2, 1]/√5,你的是 {eigenvector}"
# 做很多步之後:v_t ∝ [2^t, 1] → ±[1, 0],eigenvalue → 2。
eigenvalue, eigenvector = power_iteration(A)
assert np.isclose(eigenvalue, 2.0), f"用預設的 num_iters,eigenvalue 應該收斂到 2,你的是 {eigenvalue}"
assert np.allclose(np.abs(eigenvector), [1, 0]), f"用預設的 num_iters,eigenvector 應該收斂到 ±[1, 0],你的是 {eigenvector}"
assert np.isclose(np.linalg.norm(eigenvector), 1.0), "eigenvector 應該是 unit vector"
assert np.array_equal(A, A_before), "power_iteration 不可以修改輸入 A"
print("power_iteration: OK")


# In[ ]:

# 隱藏測試 (hidden tests):評分時執行,這格不用改。


# In[ ]:

def stationary_distribution(P):
    """求 row-stochastic 矩陣 P 的 stationary distribution pi(pi P = pi,總和為 1)。

    P: shape (m, m),每一列總和為 1,irreducible 且 aperiodic。
    回傳 shape (m,) 的非負實數向量,總和為 1。
    """
    ### BEGIN SOLUTION
    P = np.asarray(P, dtype=float)
    eigenvalues, eigenvectors = np.linalg.eig(P.T)
    # Rounding moves eigenvalue 1 slightly, so take the eigenvalue closest to it.
    index = np.argmin(np.abs(eigenvalues - 1.0))
    # A real simple eigenvalue of a real matrix has a real eigenvector, so the imaginary part is zero.
    pi = np.real(eigenvectors[:, index])
    # Dividing by the sum fixes both the scale and the arbitrary sign.
    return pi / pi.sum()
    ### END SOLUTION


# In[ ]:

# 手算:P = [[0.9, 0.1], [0.5, 0.5]]。穩定時兩個狀態之間的機率流量相等:
# π_1 · 0.1 = π_2 · 0.5,所以 π_1 = 5 π_2;加上 π_1 + π_2 = 1,得 π = [5/6, 1/6]。
P = np.array([[0.9, 0.1], [0.5, 0.5]])
P_before = P.copy()
pi = stationary_distribution(P)
assert pi.shape == (2,), "回傳的 shape 應該是 (m,) = (2,)"
assert np.isrealobj(pi), "pi 應該是實數 array(記得取 np.real)"
assert np.allclose(pi, [5 / 6, 1 / 6]), "pi 應該是 [5/6, 1/6]"
assert np.isclose(pi.sum(), 1.0) and np.all(pi >= 0), f"pi 是機率分布,每個元素應該 >= 0 且總和為 1,你的 pi 是 {pi},總和 {pi.sum()}"
assert np.allclose(pi @ P, pi), "應該滿足 pi P = pi"
assert np.array_equal(P, P_before), "stationary_distribution 不可以修改輸入 P"
print("stationary_distribution: OK")


# In[ ]:

# 隱藏測試 (hidden tests):評分時執行,這格不用改。
