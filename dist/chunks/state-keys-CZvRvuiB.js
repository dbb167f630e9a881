const e={writtenFiles:"written-files",envChanges:"env-changes",previousValues:"previous-values",identityCenterSession:"identity-center-session"};export{e as S};
